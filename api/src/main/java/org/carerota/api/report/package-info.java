/**
 * Capacity and delivery reports for commissioners (councils, ICBs) and coordinators: computed in
 * SQL ({@code reports_capacity}, infra's {@code R__reports.sql}), served over GraphQL, as CSV and
 * as SVG charts, with disclosure control for commissioners. Metric definitions: api/README.md,
 * "Reports".
 */
@NullMarked
package org.carerota.api.report;

import org.jspecify.annotations.NullMarked;
