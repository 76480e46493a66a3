package authfile

import (
	"crypto/md5"
	"strconv"
	"strings"
)

// itoa64 is crypt's base-64 alphabet.
const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// to64 appends n characters of v, least significant 6 bits first, as the
// crypt family encodes its output.
func to64(dst []byte, v uint32, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, itoa64[v&0x3f])
		v >>= 6
	}
	return dst
}

// md5Sum24 appends an MD5 digest in the byte order md5-crypt and SunMD5
// share.
func md5Sum24(dst []byte, f [16]byte) []byte {
	for i := 0; i < 5; i++ {
		j, k := i+6, i+12
		if i == 4 {
			j, k = 10, 5
		}
		dst = to64(dst, uint32(f[i])<<16|uint32(f[j])<<8|uint32(f[k]), 4)
	}
	return to64(dst, uint32(f[11]), 2)
}

// md5Crypt is Poul-Henning Kamp's md5-crypt under the given magic ("$1$"
// for crypt(), "$apr1$" for APR): the salt is up to 8 characters after the
// magic, ending at '$'.
func md5Crypt(password, hash, magic string) string {
	salt, ok := strings.CutPrefix(hash, magic)
	if !ok {
		return ""
	}
	if i := strings.IndexByte(salt, '$'); i >= 0 {
		salt = salt[:i]
	}
	salt = salt[:min(len(salt), 8)]
	pw := []byte(password)
	alt := md5.Sum([]byte(password + salt + password))
	h := md5.New()
	h.Write([]byte(password + magic + salt))
	for i := len(pw); i > 0; i -= 16 {
		h.Write(alt[:min(i, 16)])
	}
	for i := len(pw); i != 0; i >>= 1 {
		if i&1 != 0 {
			h.Write([]byte{0})
		} else {
			h.Write(pw[:1])
		}
	}
	var f [16]byte
	h.Sum(f[:0])
	for i := 0; i < 1000; i++ {
		h.Reset()
		if i&1 != 0 {
			h.Write(pw)
		} else {
			h.Write(f[:])
		}
		if i%3 != 0 {
			h.Write([]byte(salt))
		}
		if i%7 != 0 {
			h.Write(pw)
		}
		if i&1 != 0 {
			h.Write(f[:])
		} else {
			h.Write(pw)
		}
		h.Sum(f[:0])
	}
	return string(md5Sum24([]byte(magic+salt+"$"), f))
}

// sunMD5Crypt is Solaris' SunMD5 as libxcrypt computes it: "$md5" then ','
// or '$', an optional "rounds=N$" added to 4096 rounds, and a salt of crypt
// characters; each round mixes in Hamlet's soliloquy by a coin toss.
func sunMD5Crypt(password, hash string) string {
	p := len("$md5")
	if len(hash) <= p || hash[p] != '$' && hash[p] != ',' {
		return ""
	}
	p++
	rounds := uint32(4096)
	if strings.HasPrefix(hash[p:], "rounds=") {
		p += len("rounds=")
		end := p + strings.IndexByte(hash[p:], '$')
		if end <= p || hash[p] < '1' || hash[p] > '9' {
			return ""
		}
		extra, err := strconv.ParseUint(hash[p:end], 10, 32)
		if err != nil {
			return ""
		}
		rounds += uint32(extra) // wraps as libxcrypt's unsigned int does
		p = end + 1
	}
	for p < len(hash) && strings.IndexByte(itoa64, hash[p]) >= 0 {
		p++
	}
	if p < len(hash) && hash[p] != '$' {
		return ""
	}
	// Bug-compatible: a '$' followed by '$' or the end belongs to the salt.
	if p < len(hash) && (p+1 == len(hash) || hash[p+1] == '$') {
		p++
	}
	setting := hash[:p]
	dg := md5.Sum([]byte(password + setting))
	h := md5.New()
	var num []byte
	for i := uint32(0); i < rounds; i++ {
		h.Reset()
		h.Write(dg[:])
		if muffetCoinToss(&dg, i) {
			h.Write([]byte(hamletQuotation))
		}
		num = strconv.AppendUint(num[:0], uint64(i), 10)
		h.Write(num)
		h.Sum(dg[:0])
	}
	return string(md5Sum24([]byte(setting+"$"), dg))
}

// digestBit is bit n (mod 128) of a digest, least significant bit first.
func digestBit(d *[16]byte, n uint32) uint32 {
	n %= 128
	return uint32(d[n/8]>>(n%8)) & 1
}

// muffetCoinToss decides pseudorandomly from the previous digest whether a
// SunMD5 round includes the quotation.
func muffetCoinToss(d *[16]byte, round uint32) bool {
	pick := func(i int) uint32 {
		a, b := uint32(d[i%16]), uint32(d[(i+3)%16])
		v := uint32(d[(a>>(b%5))%16])
		if b&(1<<(a%8)) != 0 {
			v /= 2
		}
		return digestBit(d, v)
	}
	var x, y uint32
	for i := 0; i < 8; i++ {
		x |= pick(i) << i
		y |= pick(i+8) << i
	}
	if digestBit(d, round) != 0 {
		x /= 2
	}
	if digestBit(d, round+64) != 0 {
		y /= 2
	}
	return digestBit(d, x)^digestBit(d, y) != 0
}

// hamletQuotation is the public-domain text SunMD5 mixes in, with the C
// string's terminating NUL, which the algorithm hashes too.
const hamletQuotation = `To be, or not to be,--that is the question:--
Whether 'tis nobler in the mind to suffer
The slings and arrows of outrageous fortune
Or to take arms against a sea of troubles,
And by opposing end them?--To die,--to sleep,--
No more; and by a sleep to say we end
The heartache, and the thousand natural shocks
That flesh is heir to,--'tis a consummation
Devoutly to be wish'd. To die,--to sleep;--
To sleep! perchance to dream:--ay, there's the rub;
For in that sleep of death what dreams may come,
When we have shuffled off this mortal coil,
Must give us pause: there's the respect
That makes calamity of so long life;
For who would bear the whips and scorns of time,
The oppressor's wrong, the proud man's contumely,
The pangs of despis'd love, the law's delay,
The insolence of office, and the spurns
That patient merit of the unworthy takes,
When he himself might his quietus make
With a bare bodkin? who would these fardels bear,
To grunt and sweat under a weary life,
But that the dread of something after death,--
The undiscover'd country, from whose bourn
No traveller returns,--puzzles the will,
And makes us rather bear those ills we have
Than fly to others that we know not of?
Thus conscience does make cowards of us all;
And thus the native hue of resolution
Is sicklied o'er with the pale cast of thought;
And enterprises of great pith and moment,
With this regard, their currents turn awry,
And lose the name of action.--Soft you now!
The fair Ophelia!--Nymph, in thy orisons
Be all my sins remember'd.
` + "\x00"
