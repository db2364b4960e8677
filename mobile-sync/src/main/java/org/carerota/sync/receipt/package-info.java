/** Read receipts: which feed seq each device holds; which carers have not received a plan's changes. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.receipt;
