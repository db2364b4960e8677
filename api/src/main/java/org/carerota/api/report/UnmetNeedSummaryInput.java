package org.carerota.api.report;

import java.time.LocalDate;
import java.util.UUID;

/** GraphQL {@code UnmetNeedSummaryInput}. */
public record UnmetNeedSummaryInput(UUID area, LocalDate from, LocalDate to) {}
