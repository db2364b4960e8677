package org.carerota.api.report;

/** Carer hours of one staff pool on care of the other sector. */
public record CrossPoolFlow(ReportPool pool, String fromSector, String toSector, Amount hours, Count carers) {}
