package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AccessNotesCipherTests {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private final AccessNotesCipher cipher = new AccessNotesCipher(KEY, "k1");

    @Test
    void shouldRoundTripNotesWhenDecryptedForTheSameServiceUser() {
        byte[] sealed = cipher.encrypt(OWNER, "Key safe 4471, side door");
        assertThat(cipher.decrypt(OWNER, sealed, "k1")).isEqualTo("Key safe 4471, side door");
    }

    @Test
    void shouldNotContainThePlainTextWhenEncrypted() {
        byte[] sealed = cipher.encrypt(OWNER, "Key safe 4471");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("4471");
        assertThat(cipher.encrypt(OWNER, "Key safe 4471")).isNotEqualTo(sealed);
    }

    @Test
    void shouldRefuseWhenCiphertextCopiedToAnotherServiceUser() {
        byte[] sealed = cipher.encrypt(OWNER, "Key safe 4471");
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), sealed, "k1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseWhenCiphertextTampered() {
        byte[] sealed = cipher.encrypt(OWNER, "Key safe 4471");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(OWNER, sealed, "k1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseWhenKeyIdDiffers() {
        byte[] sealed = cipher.encrypt(OWNER, "Key safe 4471");
        assertThatThrownBy(() -> cipher.decrypt(OWNER, sealed, "k0")).hasMessageContaining("k0");
    }

    @Test
    void shouldRejectKeyWhenNot256Bits() {
        assertThatThrownBy(() -> new AccessNotesCipher("c2hvcnQ=", "k1")).hasMessageContaining("32 bytes");
    }
}
