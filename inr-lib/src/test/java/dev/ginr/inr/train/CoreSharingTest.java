package dev.ginr.inr.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CoreSharingTest {

    /** A machine whose clocks the test advances: each {@link #advance} adds wall time, others' and own CPU time. */
    private static final class FakeMachine implements CoreSharing.CpuClock {
        double wall;
        double busy;
        double own;

        void advance(double seconds, double otherCores, double ownCores) {
            wall += seconds;
            busy += seconds * (otherCores + ownCores);
            own += seconds * ownCores;
        }

        @Override
        public double wall() {
            return wall;
        }

        @Override
        public double machineBusy() {
            return busy;
        }

        @Override
        public double own() {
            return own;
        }
    }

    @Test
    void dropsToOneThreadWhileOthersAreBusyAndReturnsWithHysteresis() {
        FakeMachine m = new FakeMachine();
        List<Integer> set = new ArrayList<>();
        CoreSharing sharing = new CoreSharing(m, 2, set::add);

        m.advance(2.5, 0.1, 1.9); // alone (our own two cores do not count)
        sharing.afterStep();
        assertEquals(2, sharing.threads());

        m.advance(1.0, 1.5, 0.5); // busy, but the window has not passed: no measurement yet
        sharing.afterStep();
        assertEquals(2, sharing.threads());
        m.advance(1.5, 1.5, 0.5); // window over: 1.5 other cores
        sharing.afterStep();
        assertEquals(1, sharing.threads());

        m.advance(2.0, 0.4, 1.0); // between the thresholds: stays at one
        sharing.afterStep();
        assertEquals(1, sharing.threads());
        m.advance(2.0, 0.1, 1.0); // quiet again
        sharing.afterStep();
        assertEquals(2, sharing.threads());

        m.advance(2.0, 0.9, 1.0); // busy again, and training ends before it is quiet
        sharing.afterStep();
        sharing.close();
        assertEquals(List.of(1, 2, 1, 2), set, "thread counts set, the last by close()");
        assertEquals(2, sharing.drops());
    }

    @Test
    void aSecondBusyProcessOnThisMachineReadsAsBusyAndTheGovernorActsOnlyOnTheCpu() throws Exception {
        CoreSharing real = CoreSharing.forTraining(Device.cpu());
        assumeTrue(real != null, "no core sharing here: " + CoreSharing.describe());
        real.close();
        assertNull(CoreSharing.forTraining(Device.gpu()), "never on a GPU");

        List<Integer> set = new ArrayList<>();
        CoreSharing.CpuClock clock = CoreSharing.machineClock();
        assertNotNull(clock);
        assertTrue(clock.machineBusy() > 0 && clock.own() > 0);
        CoreSharing sharing = new CoreSharing(clock, 2, set::add);
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2600);
            while (System.nanoTime() < end) {
                Thread.sleep(100);
            }
            sharing.afterStep();
        } finally {
            spinner.destroyForcibly().waitFor();
        }
        assertEquals(List.of(1), set, "a shell loop spinning on one core is another process keeping a core busy");
    }
}
