package org.carerota.api.report;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * GraphQL {@code CapacityReportInput}. {@code groupBy} is text so that an unknown grouping is a
 * typed problem ({@link UnknownGrouping}) rather than a validation error.
 */
public record CapacityReportInput(UUID area, LocalDate from, LocalDate to, @Nullable List<String> groupBy) {}
