/** The capacity report benchmark (not part of the default test run). */
@NullMarked
package org.carerota.api.report.bench;

import org.jspecify.annotations.NullMarked;
