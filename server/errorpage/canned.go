package errorpage

// fixedTexts are the status texts that show nothing of the request, as
// Apache's get_canned_error_string has them.
var fixedTexts = map[int]string{
	305: "<p>This resource is only accessible through the proxy\n<br />\nYou will need to configure your client to use that proxy.</p>\n",
	401: unauthorized,
	407: unauthorized,
	404: "<p>The requested URL was not found on this server.</p>\n",
	408: "<p>Server timeout waiting for the HTTP request from the client.</p>\n",
	410: "<p>The requested resource is no longer available on this server and there is no forwarding address.\n" +
		"Please remove all references to this resource.</p>\n",
	412: "<p>The precondition on the request for this URL evaluated to false.</p>\n",
	415: "<p>The supplied request data is not in a format\nacceptable for processing by this resource.</p>\n",
	416: "<p>None of the range-specifier values in the Range\nrequest-header field overlap the current extent\n" +
		"of the selected resource.</p>\n",
	421: "<p>The client needs a new connection for this\nrequest as the requested host name does not match\n" +
		"the Server Name Indication (SNI) in use for this\nconnection.</p>\n",
	422: "<p>The server understands the media type of the\nrequest entity, but was unable to process the\n" +
		"contained instructions.</p>\n",
	423: "<p>The requested resource is currently locked.\nThe lock must be released or proper identification\n" +
		"given before the method can be applied.</p>\n",
	424: "<p>The method could not be performed on the resource\nbecause the requested action depended on another\n" +
		"action and that other action failed.</p>\n",
	426: "<p>The requested resource can only be retrieved\nusing SSL.  The server is willing to upgrade the current\n" +
		"connection to SSL, but your client doesn't support it.\nEither upgrade your client, or try requesting the page\n" +
		"using https://\n",
	428: "<p>The request is required to be conditional.</p>\n",
	429: "<p>The user has sent too many requests\nin a given amount of time.</p>\n",
	431: "<p>The server refused this request because\nthe request header fields are too large.</p>\n",
	503: "<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\n" +
		"problems. Please try again later.</p>\n",
	504: "<p>The gateway did not receive a timely response\nfrom the upstream server or application.</p>\n",
	506: "<p>A variant for the requested resource\n<pre>\n\n</pre>\nis itself a negotiable resource. " +
		"This indicates a configuration error.</p>\n",
	507: "<p>The method could not be performed on the resource\nbecause the server is unable to store the\n" +
		"representation needed to successfully complete the\nrequest.  There is insufficient free space left in\n" +
		"your storage allocation.</p>\n",
	508: "<p>The server terminated an operation because\nit encountered an infinite loop.</p>\n",
	510: "<p>A mandatory extension policy in the request is not\naccepted by the server for this resource.</p>\n",
	511: "<p>The client needs to authenticate to gain\nnetwork access.</p>\n",
}

const unauthorized = "<p>This server could not verify that you\nare authorized to access the document\n" +
	"requested.  Either you supplied the wrong\ncredentials (e.g., bad password), or your\n" +
	"browser doesn't understand how to supply\nthe credentials required.</p>\n"

// cannedText is the middle of the page for status: Apache's
// get_canned_error_string.
func cannedText(status int, info PageInfo) string {
	if t, ok := fixedTexts[status]; ok {
		return t
	}
	if t, ok := requestText(status, info); ok {
		return t
	}
	return internalErrorText(info)
}

// requestText is the text of the statuses that show something of the
// request or take the error notes.
func requestText(status int, info PageInfo) (string, bool) {
	method := EscapeHTML(info.Method)
	switch status {
	case 301, 302, 307, 308:
		return `<p>The document has moved <a href="` + EscapeHTML(info.Location) + "\">here</a>.</p>\n", true
	case 303:
		return `<p>The answer to your request is located <a href="` + EscapeHTML(info.Location) + "\">here</a>.</p>\n", true
	case 300:
		return info.VariantList, true
	case 406:
		return "<p>An appropriate representation of the requested resource could not be found on this server.</p>\n" +
			info.VariantList, true
	case 400:
		return withNotes("<p>Your browser sent a request that this server could not understand.<br />\n", info, "</p>\n"), true
	case 403:
		return withNotes("<p>You don't have permission to access this resource.", info, "</p>\n"), true
	case 405:
		return "<p>The requested method " + method + " is not allowed for this URL.</p>\n", true
	case 411:
		return withNotes("<p>A request of the requested method "+method+" requires a valid Content-length.<br />\n", info, "</p>\n"), true
	case 413:
		return "The requested resource does not allow request data with " + method +
			" requests, or the amount of data provided in\nthe request exceeds the capacity limit.\n", true
	case 414:
		return withNotes("<p>The requested URL's length exceeds the capacity\nlimit for this server.<br />\n", info, "</p>\n"), true
	case 417:
		return expectationText(info), true
	case 451:
		return withNotes("<p>Access to this URL has been denied for legal reasons.<br />\n", info, "</p>\n"), true
	case 501:
		return withNotes("<p>"+method+" not supported for current URL.<br />\n", info, "</p>\n"), true
	case 502:
		// Apache ends these two lines with CRLF, unlike every other text.
		return withNotes("<p>The proxy server received an invalid\r\nresponse from an upstream server.<br />\r\n", info, "</p>\n"), true
	}
	return "", false
}

// withNotes is Apache's add_optional_notes with the "error-notes" note.
func withNotes(prefix string, info PageInfo, suffix string) string {
	return prefix + info.ErrorNotes + suffix
}

func expectationText(info PageInfo) string {
	s := "<p>No expectation was seen, the Expect request-header \nfield was not presented by the client.\n"
	if info.Expect != "" {
		s = "<p>The expectation given in the Expect request-header\nfield could not be met by this server.\n" +
			"The client sent<pre>\n    Expect: " + EscapeHTML(info.Expect) + "\n</pre>\n"
	}
	return withNotes(s, info, "</p><p>Only the 100-continue expectation is supported.</p>\n")
}

// internalErrorText is the text of 500 and of every status without a text
// of its own.
func internalErrorText(info PageInfo) string {
	if info.VerboseErrorNotes && info.ErrorNotes != "" {
		return info.ErrorNotes + "<p />\n"
	}
	return "<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\n" +
		"your request.</p>\n<p>Please contact the server administrator at \n " + EscapeHTML(info.ServerAdmin) +
		" to inform them of the time this error occurred,\n and the actions you performed just before this error.</p>\n" +
		"<p>More information about this error may be available\nin the server error log.</p>\n"
}
