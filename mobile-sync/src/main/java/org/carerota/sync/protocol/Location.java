package org.carerota.sync.protocol;

import org.jspecify.annotations.Nullable;

/** Where the device was (WGS84 degrees) and how sure it was (metres). */
public record Location(@Nullable Double lat, @Nullable Double lon, @Nullable Double accuracyM) {}
