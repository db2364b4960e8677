package org.carerota.planner.domain;

/**
 * How much a carer is paid.
 *
 * @param model the pay model
 * @param rate pounds per hour (HOURLY, PER_CONTACT_HOUR) or per visit (PER_VISIT)
 */
public record Pay(PayModel model, double rate) {

    /**
     * The day's pay in pence.
     *
     * @param visits visits served
     * @param contactMinutes minutes spent with service users
     * @param paidMinutes minutes worked from the first visit's start to the last visit's end
     */
    public long dayPayPence(int visits, long contactMinutes, long paidMinutes) {
        double pounds =
                switch (model) {
                    case PER_VISIT -> rate * visits;
                    case PER_CONTACT_HOUR -> rate * contactMinutes / 60.0;
                    case HOURLY -> rate * paidMinutes / 60.0;
                };
        return Math.round(pounds * 100.0);
    }
}
