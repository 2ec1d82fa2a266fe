package org.dgmkit.detect;

import java.util.Locale;
import org.dgmkit.score.LikelihoodScores;

/** Which bound of the density model's log-likelihood a row's raw anomaly score negates (higher = more anomalous). */
public enum RawScore {
    /** -ELBO: mean over the samples of {@code -(log p(x, z) - log q(z | x))}. */
    NEG_ELBO("elbo"),
    /** -importance-weighted bound: {@code -log mean_k exp(log p(x, z_k) - log q(z_k | x))}. */
    NEG_IW("iw"),
    /** -reconstruction log-likelihood: {@code -mean_l log p(x | z_l)}, the study's score. */
    NEG_RECON("recon"),
    /** The newest values' surprise given the rest of the window ({@link PredictiveScore}). */
    PREDICT("predict");

    private final String key;

    RawScore(String key) {
        this.key = key;
    }

    /** The short name used in settings ("elbo", "iw", "recon"). */
    public String key() {
        return key;
    }

    /** The raw scores of every row from one scoring pass. */
    public double[] of(LikelihoodScores s) {
        double[] ll = switch (this) {
            case NEG_ELBO -> s.elbo();
            case NEG_IW -> s.importanceWeighted();
            case NEG_RECON -> s.reconstructionLogLikelihood();
            case PREDICT -> throw new IllegalStateException("score=predict is not a bound of LikelihoodScores");
        };
        double[] out = new double[ll.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -ll[i];
        }
        return out;
    }

    /** By short name, case-insensitive. */
    public static RawScore parse(String name) {
        for (RawScore r : values()) {
            if (r.key.equals(name.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("detector setting score=" + name + ": expected elbo, iw, recon or predict");
    }
}
