package org.carerota.api.report;

import java.util.UUID;

/** A staff pool as reports name it. */
public record ReportPool(UUID id, String name) {}
