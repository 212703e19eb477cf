package ui

import (
	"image/color"
	"math"
)

// Text must stay readable on the reader's own background, which the terminal reports
// once the program starts: every colour of text is checked against it and, when it is
// too faint, moved toward white (on a dark background) or black (on a light one) until
// it reads. The ratios are WCAG 2's: 4.5:1 for text, 3:1 for marks that are not text.

const (
	textContrast = 4.5
	markContrast = 3.0
)

// Reference backgrounds for before the terminal has said which it has: among the
// lightest dark ones and the darkest light ones in common use, so that colours that read
// on them read on the others too.
var (
	refDark  = color.RGBA{0x30, 0x30, 0x30, 0xff}
	refLight = color.RGBA{0xe4, 0xe4, 0xe4, 0xff}
)

// luminance returns the relative luminance of c, from 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrastRatio returns the contrast ratio of two colours, from 1 to 21.
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// readable returns fg, or fg blended toward white or black, whichever is farther from bg,
// just enough for a contrast of at least ratio against bg.
func readable(fg, bg color.Color, ratio float64) color.Color {
	if contrastRatio(fg, bg) >= ratio {
		return fg
	}
	target := color.RGBA{0, 0, 0, 0xff}
	if luminance(bg) < 0.18 {
		target = color.RGBA{0xff, 0xff, 0xff, 0xff}
	}
	r, g, b, _ := fg.RGBA()
	tr, tg, tb, _ := target.RGBA()
	mix := func(a, b uint32, t float64) uint8 {
		return uint8((float64(a)*(1-t) + float64(b)*t) / 0x101)
	}
	for i := 1; i <= 20; i++ {
		t := float64(i) / 20
		c := color.RGBA{mix(r, tr, t), mix(g, tg, t), mix(b, tb, t), 0xff}
		if contrastRatio(c, bg) >= ratio {
			return c
		}
	}
	return target
}
