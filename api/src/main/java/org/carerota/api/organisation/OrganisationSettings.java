package org.carerota.api.organisation;

import java.util.UUID;

/**
 * An organisation's planning settings (GraphQL {@code Organisation.settings}).
 *
 * @param organisationId whose
 * @param minimumHourlyWage pay floor in pounds per hour for carers paid per visit or per contact hour
 * @param autoPublishSameDay same-day re-plans are published at once
 * @param restBreakAfterMinutes a rest break is due after this much work
 * @param restBreakMinutes length of the rest break
 * @param version for optimistic locking of updateOrganisationSettings
 */
public record OrganisationSettings(
        UUID organisationId,
        double minimumHourlyWage,
        boolean autoPublishSameDay,
        int restBreakAfterMinutes,
        int restBreakMinutes,
        long version) {

    /**
     * The National Living Wage (workers aged 21 and over) from 1 April 2026, in pounds per hour: the
     * default of {@code organisations.minimum_hourly_wage} (migration V0451).
     */
    public static final double NATIONAL_LIVING_WAGE = 12.71;
}
