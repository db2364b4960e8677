package org.carerota.api.report;

import java.util.UUID;

/** An area as reports name it. */
public record ReportArea(UUID id, String name) {}
