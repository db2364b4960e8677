package org.carerota.sync.protocol;

import java.util.List;

/** The protocol versions this server speaks. A request with any other gets an UPGRADE_REQUIRED answer. */
public final class SchemaVersions {

    /** The version this build writes and prefers. */
    public static final int CURRENT = 1;

    /** Every version a device may send. */
    public static final List<Integer> SUPPORTED = List.of(1);

    private SchemaVersions() {}

    public static boolean isSupported(int schemaVersion) {
        return SUPPORTED.contains(schemaVersion);
    }
}
