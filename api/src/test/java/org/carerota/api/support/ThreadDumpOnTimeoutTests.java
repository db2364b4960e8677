package org.carerota.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ThreadDumpOnTimeoutTests {

    @Test
    void shouldTakeAWaitTooLongForATimeoutWhenItIsACauseOrSaysSo() {
        assertThat(ThreadDumpOnTimeout.isTimeout(
                        new IllegalStateException("wrapped", new TimeoutException("no answer"))))
                .isTrue();
        // Reactor's Mono.block(Duration) and WebTestClient's response timeout
        assertThat(ThreadDumpOnTimeout.isTimeout(
                        new IllegalStateException("Timeout on blocking read for 30000000000 NANOSECONDS")))
                .isTrue();
        assertThat(ThreadDumpOnTimeout.isTimeout(new AssertionError("page.goto: Timed out after 30000ms")))
                .isTrue();
    }

    @Test
    void shouldLeaveOtherFailuresAloneWhenNothingWaited() {
        assertThat(ThreadDumpOnTimeout.isTimeout(new AssertionError("expected 1 but was 2")))
                .isFalse();
        assertThat(ThreadDumpOnTimeout.isTimeout(new IllegalStateException((String) null)))
                .isFalse();
    }

    @Test
    void shouldShowEveryThreadsWholeStackAndTheLockItWaitsOnWhenDumping() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Object lock = new Object();
        Thread waiter = new Thread(
                () -> {
                    synchronized (lock) {
                        deep(30, release);
                    }
                },
                "dump-test-waiter");
        waiter.start();
        try {
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            String dump = ThreadDumpOnTimeout.threads();
            assertThat(dump).contains("\"dump-test-waiter\"").contains("WAITING");
            String waiterPart = dump.substring(dump.indexOf("\"dump-test-waiter\""));
            waiterPart = waiterPart.substring(0, waiterPart.indexOf("\n\n"));
            // more than the 8 frames ThreadInfo.toString() keeps, and the monitor it holds
            assertThat(waiterPart.lines().filter(line -> line.contains(".deep(")))
                    .hasSizeGreaterThan(8);
            assertThat(waiterPart).contains("- locked java.lang.Object@");
        } finally {
            release.countDown();
            waiter.join();
        }
    }

    private static void deep(int depth, CountDownLatch release) {
        if (depth > 0) {
            deep(depth - 1, release);
            return;
        }
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
