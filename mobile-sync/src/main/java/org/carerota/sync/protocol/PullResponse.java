package org.carerota.sync.protocol;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link PullRequest}.
 *
 * @param status OK, RESET or UPGRADE_REQUIRED
 * @param changes what to apply (empty unless OK)
 * @param checkpoint what to send next time (opaque); null when the device must pull without one
 * @param hasMore whether another page is waiting: pull again at once with {@code checkpoint}
 * @param snapshot whether this page belongs to a snapshot (the device replaces its schedule)
 * @param reset status == RESET
 * @param upgradeRequired status == UPGRADE_REQUIRED
 * @param supportedSchemaVersions what the server speaks
 * @param message a short human explanation of a RESET or UPGRADE_REQUIRED
 * @param serverTime the server's clock when it answered
 */
public record PullResponse(
        SyncStatus status,
        Changes changes,
        @Nullable String checkpoint,
        boolean hasMore,
        boolean snapshot,
        boolean reset,
        boolean upgradeRequired,
        List<Integer> supportedSchemaVersions,
        @Nullable String message,
        Instant serverTime) {

    public PullResponse {
        supportedSchemaVersions = List.copyOf(supportedSchemaVersions);
    }

    public static PullResponse ok(
            Changes changes, String checkpoint, boolean hasMore, boolean snapshot, Instant serverTime) {
        return new PullResponse(
                SyncStatus.OK,
                changes,
                checkpoint,
                hasMore,
                snapshot,
                false,
                false,
                SchemaVersions.SUPPORTED,
                null,
                serverTime);
    }

    public static PullResponse reset(String message, Instant serverTime) {
        return new PullResponse(
                SyncStatus.RESET,
                Changes.none(),
                null,
                false,
                false,
                true,
                false,
                SchemaVersions.SUPPORTED,
                message,
                serverTime);
    }

    public static PullResponse upgradeRequired(int schemaVersion, Instant serverTime) {
        return new PullResponse(
                SyncStatus.UPGRADE_REQUIRED,
                Changes.none(),
                null,
                false,
                false,
                false,
                true,
                SchemaVersions.SUPPORTED,
                "schemaVersion " + schemaVersion + " is not supported: update the app",
                serverTime);
    }
}
