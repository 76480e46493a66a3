package errorlog

import (
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
)

// statusText is the %E item: a system error as Apache's APR prints it,
// "(111)Connection refused". Go's texts for errno values are the C
// library's lower-cased, so the first letter is raised again. A name
// that does not resolve reads as getaddrinfo's EAI_NONAME, as in Apache;
// any other error is printed as Go words it.
func statusText(err error) string {
	if err == nil {
		return ""
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return "(" + strconv.Itoa(int(errno)) + ")" + capitalize(errno.Error())
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return "(EAI 2)Name or service not known"
	}
	if errors.Is(err, os.ErrDeadlineExceeded) { // APR_TIMEUP
		return "(70007)The timeout specified has expired"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) { // APR_INCOMPLETE: a body cut short
		return "(70008)Partial results are valid but processing is incomplete"
	}
	return err.Error()
}

func capitalize(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
