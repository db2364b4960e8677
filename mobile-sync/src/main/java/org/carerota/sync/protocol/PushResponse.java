package org.carerota.sync.protocol;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link PushRequest}: one result per event, in request order.
 *
 * @param status OK or UPGRADE_REQUIRED (then nothing was stored and results is empty)
 * @param upgradeRequired status == UPGRADE_REQUIRED
 * @param results one per event sent
 * @param supportedSchemaVersions what the server speaks
 * @param message a short explanation of UPGRADE_REQUIRED
 * @param receivedAt the server's receipt time recorded on the accepted events
 */
public record PushResponse(
        SyncStatus status,
        boolean upgradeRequired,
        List<EventResult> results,
        List<Integer> supportedSchemaVersions,
        @Nullable String message,
        Instant receivedAt) {

    public PushResponse {
        results = List.copyOf(results);
        supportedSchemaVersions = List.copyOf(supportedSchemaVersions);
    }

    public static PushResponse ok(List<EventResult> results, Instant receivedAt) {
        return new PushResponse(SyncStatus.OK, false, results, SchemaVersions.SUPPORTED, null, receivedAt);
    }

    public static PushResponse upgradeRequired(int schemaVersion, Instant receivedAt) {
        return new PushResponse(
                SyncStatus.UPGRADE_REQUIRED,
                true,
                List.of(),
                SchemaVersions.SUPPORTED,
                "schemaVersion " + schemaVersion + " is not supported: update the app",
                receivedAt);
    }
}
