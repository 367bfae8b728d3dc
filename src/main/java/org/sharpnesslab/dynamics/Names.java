package org.sharpnesslab.dynamics;

/** Column names for coordinates: the given names, or x_1 … x_k. */
final class Names {

    private Names() {
    }

    static String[] coordinates(int k, String... names) {
        if (names == null || names.length == 0) {
            String[] c = new String[k];
            for (int i = 0; i < k; i++) {
                c[i] = "x_" + (i + 1);
            }
            return c;
        }
        if (names.length != k) {
            throw new IllegalArgumentException("expected " + k + " coordinate names, got " + names.length + ": "
                    + String.join(", ", names));
        }
        return names.clone();
    }
}
