package org.carerota.sync.protocol;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** How the device verified the carer was at the door. Absent means MANUAL. */
public enum VerificationMethod {
    GPS,
    QR,
    NFC,
    MANUAL;

    public static Optional<VerificationMethod> parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(MANUAL);
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
