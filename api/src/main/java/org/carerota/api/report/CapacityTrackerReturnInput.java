package org.carerota.api.report;

import java.util.UUID;

/** GraphQL {@code CapacityTrackerReturnInput}: an area and a calendar month, {@code 2026-11}. */
public record CapacityTrackerReturnInput(UUID area, String month) {}
