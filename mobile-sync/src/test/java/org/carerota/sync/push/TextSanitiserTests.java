package org.carerota.sync.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitiserTests {

    @Test
    void shouldTrimAndNormaliseNewlinesWhenTextHasWindowsLineEnds() {
        assertThat(TextSanitiser.tidy("  Ate lunch\r\nwalked\rslept \n")).isEqualTo("Ate lunch\nwalked\nslept");
    }

    @Test
    void shouldStripControlAndBidiCharactersWhenPresent() {
        assertThat(TextSanitiser.tidy("Dose\u0000 given\u0007\u202E ok\u2069")).isEqualTo("Dose given ok");
    }

    @Test
    void shouldKeepWordsCaseTabsAndEmojiWhenTidying() {
        String clinical = "BP 140/90\tPULSE irregular – GP informed 😟 Don't change MY words";
        assertThat(TextSanitiser.tidy(clinical)).isEqualTo(clinical);
    }

    @Test
    void shouldReturnNullWhenOnlyWhitespaceRemains() {
        assertThat(TextSanitiser.tidy(" \r\n\t\u0001 ")).isNull();
        assertThat(TextSanitiser.tidy(null)).isNull();
    }
}
