package org.carerota.api.visit;

/** A skill of the shared catalogue. */
public record Skill(String code, String name, String category, long version, boolean archived) {}
