package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The calling thread's OpenMP team: one thread inside {@link OmpThreads#onOneThread}, restored after it. Each test runs
 * in a fresh JVM's first use of ND4J when run alone: OmpThreads must load ND4J's backend itself.
 */
class OmpThreadsTest {

    @Test
    void oneThreadInsideTheCallAndTheTeamRestoredAfterItEvenOnFailure() {
        int before = OmpThreads.get();
        assertTrue(before >= 1, "team size " + before);
        int[] inside = new int[1];
        OmpThreads.onOneThread(() -> inside[0] = OmpThreads.get());
        assertEquals(1, inside[0]);
        assertEquals(before, OmpThreads.get());
        assertThrows(IllegalStateException.class, () -> OmpThreads.onOneThread(() -> {
            throw new IllegalStateException("fails inside");
        }));
        assertEquals(before, OmpThreads.get());
    }

    @Test
    void anotherThreadKeepsItsOwnTeam() throws InterruptedException {
        int before = OmpThreads.get();
        int[] other = new int[1];
        OmpThreads.onOneThread(() -> {
            Thread t = new Thread(() -> other[0] = OmpThreads.get());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(before, other[0], "a thread started meanwhile has the default team");
    }
}
