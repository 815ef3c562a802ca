package dev.ginr.inr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMpWaitPolicyTest {

    @Test
    void theTestJvmStartsWithThePassivePolicyTheBuildSets() {
        // the build's surefire configuration sets it, as the launcher and the kernelspec do for users
        assertEquals("PASSIVE", OpenMpWaitPolicy.current());
        assertTrue(OpenMpWaitPolicy.describe().startsWith("OMP_WAIT_POLICY=PASSIVE"), OpenMpWaitPolicy.describe());
    }

    @Test
    void everyValueIsDescribedAndAnUnknownOneIsNamedWithTheAllowedOnes() {
        assertNull(OpenMpWaitPolicy.normalise("  "));
        assertEquals("ACTIVE", OpenMpWaitPolicy.normalise(" active "));
        assertTrue(OpenMpWaitPolicy.describe(null).contains("not set") && OpenMpWaitPolicy.describe(null)
                .contains("spin"));
        assertTrue(OpenMpWaitPolicy.describe("ACTIVE").contains("spin"));
        String bounded = OpenMpWaitPolicy.describe(null, "10000");
        assertTrue(bounded.startsWith("GOMP_SPINCOUNT=10000") && bounded.contains("then sleep"), bounded);
        assertTrue(OpenMpWaitPolicy.describe("PASSIVE", "10000").startsWith("OMP_WAIT_POLICY=PASSIVE"),
                "a policy the user set is shown first");
        String odd = OpenMpWaitPolicy.describe("SLEEPY");
        assertTrue(odd.contains("SLEEPY") && odd.contains("ACTIVE or PASSIVE"), odd);
    }
}
