package org.orderplatform.messaging.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a property: a check against values drawn from a {@link Gen} seeded from the system property
 * {@value #SEED_PROPERTY} (a fixed default, so that every build tries the same values unless told
 * otherwise). A failure names the seed and the try, and {@code -Dproperty.seed=<seed>} replays it.
 */
public final class Tries {

  public static final String SEED_PROPERTY = "property.seed";
  public static final long SEED = Long.getLong(SEED_PROPERTY, 20261127L);

  private Tries() {
  }

  public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> check) {
    // One Random for the whole run, seeded afresh for each property: the seed replays every try in order.
    Random random = new Random(SEED);
    for (int run = 1; run <= tries; run++) {
      T value = gen.next(random);
      try {
        check.accept(value);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("try " + run + " of " + tries + " with seed " + SEED + " (replay: -D" + SEED_PROPERTY
            + "=" + SEED + "), given " + value + ": " + e.getMessage(), e);
      }
    }
  }
}
