package org.carerota.planner.domain;

/**
 * An organisation that pays for visits.
 *
 * @param id the commissioner id
 * @param sector HEALTH for ICBs and NHS trusts, SOCIAL_CARE for councils, providers and self-funders
 */
public record Commissioner(String id, Sector sector) {}
