package org.carerota.api.report;

import java.util.UUID;

/** An organisation (a commissioner) as reports name it. */
public record ReportOrganisation(UUID id, String name) {}
