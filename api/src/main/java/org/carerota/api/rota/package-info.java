/**
 * Rotas: building the planning problem from the database, solver jobs, draft plans, publishing
 * and same-day re-planning. The only feature that uses the planner.
 */
@NullMarked
package org.carerota.api.rota;

import org.jspecify.annotations.NullMarked;
