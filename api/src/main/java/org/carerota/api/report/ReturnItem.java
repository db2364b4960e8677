package org.carerota.api.report;

/**
 * One item of a return.
 *
 * @param code a stable key (for CSV and clients)
 * @param question what the return asks
 * @param unit PEOPLE, HOURS, VISITS, CARERS or RATE
 * @param value the answer (disclosure-controlled for commissioners)
 * @param source the capacity report figures it comes from
 */
public record ReturnItem(String code, String question, String unit, Amount value, String source) {}
