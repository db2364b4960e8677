package org.carerota.api.organisation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A system, place or neighbourhood. */
public record Area(UUID id, String name, String kind, @Nullable UUID parentId, long version) {}
