package org.carerota.api.report;

/** A reason the planner gave for unassigned visit slots, and how many slots gave it. */
public record ReasonCount(String reason, Count slots) {}
