package org.carerota.sync.protocol;

import org.jspecify.annotations.Nullable;

/** One task of a visit, as the coordinator wrote it ({@code visits.tasks}). */
public record Task(@Nullable String code, @Nullable String description, @Nullable Boolean medication) {}
