package org.carerota.api.security;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the access-notes key comes from: {@code carerota.security.access-notes-key}, or in the demo
 * profile a key generated once in the keys directory. Without either, access notes cannot be
 * written or read (the first attempt says which setting is missing); everything else works.
 */
@Component
class AccessNotesKeys {

    private final SecurityProperties properties;
    private final boolean demo;
    private volatile @Nullable AccessNotesCipher cipher;

    AccessNotesKeys(SecurityProperties properties, Environment environment) {
        this.properties = properties;
        this.demo = environment.matchesProfiles("demo");
        if (properties.accessNotesKey() != null && !properties.accessNotesKey().isBlank()) {
            this.cipher = new AccessNotesCipher(properties.accessNotesKey(), properties.accessNotesKeyId());
        }
    }

    AccessNotesCipher cipher() {
        AccessNotesCipher current = cipher;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (cipher == null) {
                if (!demo) {
                    throw new IllegalStateException(
                            "access notes need a key: set carerota.security.access-notes-key (base64, 256 bits)");
                }
                cipher = new AccessNotesCipher(new LocalKeys(properties.resolvedKeysDir()).accessNotesKey(), "demo");
            }
            return cipher;
        }
    }
}
