package org.carerota.api.organisation;

import java.util.UUID;

/** A provider, NHS trust, council, ICB, or the self-funded pseudo-commissioner. */
public record Organisation(UUID id, String name, String kind) {}
