package org.carerota.sync.pull;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The opaque checkpoint: {@code "1.<carer tag>.<seq>"} — format version, the last 8 hex digits of the
 * carer id (a device that changes hands cannot continue another carer's feed) and the carer's
 * change-feed seq. Devices must treat it as opaque; a bare number is accepted as a seq (tools,
 * tests).
 */
public final class Checkpoints {

    private static final Pattern FORMAT = Pattern.compile("1\\.([0-9a-f]{8})\\.(0|[1-9][0-9]{0,18})");
    private static final Pattern BARE = Pattern.compile("0|[1-9][0-9]{0,18}");

    private Checkpoints() {}

    public static String encode(UUID carerId, long seq) {
        return "1." + tag(carerId) + "." + seq;
    }

    /** Whether the device asks for a snapshot (no checkpoint). */
    public static boolean isInitial(@Nullable String checkpoint) {
        return checkpoint == null || checkpoint.isBlank() || checkpoint.trim().equals("0");
    }

    /** The seq, or empty when the checkpoint is malformed or belongs to another carer. */
    public static Optional<Long> decode(UUID carerId, @Nullable String checkpoint) {
        if (isInitial(checkpoint)) {
            return Optional.of(0L);
        }
        String text = checkpoint.trim().toLowerCase(Locale.ROOT);
        try {
            if (BARE.matcher(text).matches()) {
                return Optional.of(Long.parseLong(text));
            }
            Matcher matcher = FORMAT.matcher(text);
            if (matcher.matches() && matcher.group(1).equals(tag(carerId))) {
                return Optional.of(Long.parseLong(matcher.group(2)));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String tag(UUID carerId) {
        String hex = carerId.toString().replace("-", "");
        return hex.substring(hex.length() - 8);
    }
}
