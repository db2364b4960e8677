package org.carerota.sync.push;

import org.jspecify.annotations.Nullable;

/**
 * Tidies the formatting of free text and nothing else: trims, turns CR LF and lone CR into LF, and
 * removes control characters other than LF and TAB (and Unicode format characters that make text
 * read differently from how it was typed, such as bidirectional overrides). Words, spelling, case,
 * punctuation and emoji are never changed: notes are clinical records.
 */
public final class TextSanitiser {

    private TextSanitiser() {}

    public static @Nullable String tidy(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(normalised.length());
        normalised.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t') {
                out.appendCodePoint(cp);
            } else if (Character.isISOControl(cp) || isBidiControl(cp)) {
                return;
            } else {
                out.appendCodePoint(cp);
            }
        });
        String trimmed = out.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
