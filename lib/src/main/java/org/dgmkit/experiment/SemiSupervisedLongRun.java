package org.dgmkit.experiment;

import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.Mnist;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.adgm.Adgm;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AdgmInit;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.adgm.SemiSupervised;
import org.dgmkit.model.train.Checkpoint;
import org.dgmkit.model.train.CheckpointException;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;

/**
 * The long semi-supervised runs of notebook 02 (ADGM, SDGM, M2 with 100 labels) as a resumable command: the data and
 * model exactly as the notebook builds them, one epoch at a time from its checkpoint, and after every epoch the
 * model's rows of the committed result file ({@link LongRunFile}, columns {@link #COLUMNS}) rewritten with the test
 * error on all test digits, the tuning-split error, the learning rate and the training hours so far. Stops at
 * {@code maxEpochs} or when the test error reaches {@code targetError}. Killed at any point, it resumes where the
 * last checkpoint left off, bit for bit (the trainer's checkpoints carry parameters, Adam, batch-norm averages,
 * random streams and error curves).
 *
 * <p>The result file is shared by the models' runs (a lock file serialises their updates); each model has one
 * comment line of provenance: settings, the commits it ran at, the machine.
 */
public final class SemiSupervisedLongRun {
    /** The result file's columns: errors in %, hours of training (evaluation not included). */
    public static final List<String> COLUMNS = List.of("model", "epoch", "test_error", "tuning_error",
            "learning_rate", "hours");

    /**
     * What a long run trains.
     *
     * @param model          adgm, sdgm or m2 (no auxiliary variable)
     * @param maxEpochs      epochs at most (300)
     * @param targetError    test error in % at which it stops (2.0)
     * @param auxSamples     draws of a per digit in the loss (1; the official script's 5 cost five times more)
     * @param testSamples    draws of a averaged in q(y|a,x) for the errors (100, as the paper)
     * @param learningRate   Adam's rate, fixed for 200 epochs then x0.75 (3e-4, the official)
     * @param batchNorm      dense, batch norm, ReLU (true, the official)
     * @param trainImages    unlabelled training digits (60 000)
     * @param tuningImages   the last training digits, the tuning split (5 000)
     * @param labelsPerClass labelled digits per class (10: the papers' 100)
     * @param labelSeed      seed of the labelled subset (1, notebook 02's)
     * @param dropAfter      after this many epochs the rate falls to {@code dropTo} and stays there (0: never, the
     *                       official schedule); a run with a drop branches from the run without it, whose first
     *                       {@code dropAfter} epochs it shares
     * @param dropTo         the rate after the drop (below {@code learningRate}; unused when {@code dropAfter} is 0)
     */
    public record Settings(String model, int maxEpochs, double targetError, int auxSamples, int testSamples,
                           double learningRate, boolean batchNorm, int trainImages, int tuningImages,
                           int labelsPerClass, long labelSeed, int dropAfter, double dropTo) {
        public Settings {
            if (!List.of("adgm", "sdgm", "m2").contains(model)) {
                throw new IllegalArgumentException("long run model '" + model + "': expected adgm, sdgm or m2");
            }
            if (maxEpochs < 1 || auxSamples < 1 || testSamples < 1 || labelsPerClass < 1) {
                throw new IllegalArgumentException("epochs, samples and labels must be positive: " + this);
            }
            if (!(learningRate > 0) || tuningImages < 0 || tuningImages >= trainImages) {
                throw new IllegalArgumentException("learning rate > 0 and 0 <= tuning < train images: " + this);
            }
            if (dropAfter < 0 || dropAfter > 0 && !(dropTo > 0 && dropTo < learningRate)) {
                throw new IllegalArgumentException("a rate drop needs an epoch >= 1 and a rate in (0, " + learningRate
                        + "), got epoch " + dropAfter + " rate " + dropTo);
            }
        }

        /** Notebook 02's recipe for {@code model} run to 300 epochs or 2 % test error. */
        public static Settings defaults(String model) {
            return new Settings(model, 300, 2.0, 1, 100, 3e-4, true, 60_000, 5_000, 10, 1, 0, 0);
        }

        public Settings withMaxEpochs(int v) {
            return new Settings(model, v, targetError, auxSamples, testSamples, learningRate, batchNorm, trainImages,
                    tuningImages, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withTargetError(double v) {
            return new Settings(model, maxEpochs, v, auxSamples, testSamples, learningRate, batchNorm, trainImages,
                    tuningImages, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withAuxSamples(int v) {
            return new Settings(model, maxEpochs, targetError, v, testSamples, learningRate, batchNorm, trainImages,
                    tuningImages, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withTestSamples(int v) {
            return new Settings(model, maxEpochs, targetError, auxSamples, v, learningRate, batchNorm, trainImages,
                    tuningImages, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withLearningRate(double v) {
            return new Settings(model, maxEpochs, targetError, auxSamples, testSamples, v, batchNorm, trainImages,
                    tuningImages, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withImages(int train, int tuning) {
            return new Settings(model, maxEpochs, targetError, auxSamples, testSamples, learningRate, batchNorm, train,
                    tuning, labelsPerClass, labelSeed, dropAfter, dropTo);
        }

        public Settings withLabelsPerClass(int v) {
            return new Settings(model, maxEpochs, targetError, auxSamples, testSamples, learningRate, batchNorm,
                    trainImages, tuningImages, v, labelSeed, dropAfter, dropTo);
        }

        /** The same run with the rate falling to {@code rate} after {@code epoch} epochs (0: no drop). */
        public Settings withDrop(int epoch, double rate) {
            return new Settings(model, maxEpochs, targetError, auxSamples, testSamples, learningRate, batchNorm,
                    trainImages, tuningImages, labelsPerClass, labelSeed, epoch, epoch == 0 ? 0 : rate);
        }

        /** One line for the result file's provenance. */
        public String describe() {
            String schedule = dropAfter == 0 ? "(x0.75 every 200 epochs)"
                    : String.format(Locale.ROOT, "for %d epochs, then %s", dropAfter, dropTo);
            return String.format(Locale.ROOT, "auxSamples=%d testSamples=%d lr=%s %s "
                    + "batchNorm=%s init=official alpha=0.1*N/N_l labels=%d (seed %d) unlabelled=%d tuning=%d "
                    + "maxEpochs=%d target=%s%%", auxSamples, testSamples, learningRate, schedule, batchNorm,
                    10 * labelsPerClass, labelSeed, trainImages, tuningImages, maxEpochs, targetError);
        }
    }

    private SemiSupervisedLongRun() {
    }

    /** The model configuration of notebook 02 for these settings and the data's width and sizes. */
    public static AdgmConfig config(Settings s, int labelled) {
        GenerativeForm form = s.model().equals("sdgm") ? GenerativeForm.SDGM : GenerativeForm.ADGM;
        AdgmConfig c = AdgmConfig.paper(form).withBatchNorm(s.batchNorm()).withInit(AdgmInit.OFFICIAL)
                .withAuxSamples(s.auxSamples()).withAlphaFor(s.trainImages(), labelled);
        return s.model().equals("m2") ? c.withAuxiliary(false) : c;
    }

    /**
     * The trainer: the paper's (Adam, fixed rate for 200 epochs, x0.75 after), for {@code epochs} epochs; with a drop,
     * the rate until the drop and the dropped rate from then on.
     */
    public static TrainerConfig trainer(Settings s, int epochs) {
        TrainerConfig t = AdgmConfig.paperTrainer(epochs).withLearningRate(s.learningRate());
        if (s.dropAfter() == 0) {
            return t;
        }
        // one step of decay at the drop; the factor is nudged down so that the floor, exactly the new rate, applies
        // (rate * (dropTo / rate) can round a hair above dropTo)
        double factor = s.dropTo() / s.learningRate() * (1 - 1e-9);
        return t.withStepDecay(s.dropAfter(), factor, s.dropTo());
    }

    /**
     * Runs (or resumes) the long run, checkpointing to {@code checkpoints/longrun-<model>-<hash>.zip} and rewriting
     * the model's rows of {@code resultFile} after every epoch; returns the last test error in %.
     *
     * @param provenance what to record about the code and the machine (commit, cores, JVM)
     */
    public static double run(Settings s, Path resultFile, Path checkpoints, String provenance, PrintStream log) {
        return run(s, Mnist.train(), Mnist.test(), resultFile, checkpoints, provenance, log);
    }

    /** As {@link #run(Settings, Path, Path, String, PrintStream)} on the given training and test digits. */
    static double run(Settings s, MnistData train, MnistData test, Path resultFile, Path checkpoints,
                      String provenance, PrintStream log) {
        MnistData full = train.first(s.trainImages());
        MnistData tuning = full.subset(IntStream.range(s.trainImages() - s.tuningImages(), s.trainImages()).toArray());
        int[] labelled = full.first(s.trainImages() - s.tuningImages()).balancedLabelled(s.labelsPerClass(),
                s.labelSeed());
        AdgmConfig config = config(s, labelled.length);
        Path checkpoint = SemiSupervised.checkpointFile(checkpoints, "longrun-" + s.model(), config, trainer(s, 1));
        // provenance: the settings, then one line per process that trained (a fresh run drops an old file's lines)
        List<String> lines = new ArrayList<>();
        lines.add(s.model() + ": settings " + s.describe() + "; checkpoint " + checkpoint.getFileName());
        if (s.dropAfter() > 0 && !Files.exists(checkpoint)) {
            branch(s, config, checkpoints, checkpoint).ifPresent(from -> {
                lines.add(s.model() + ": " + from);
                log.println("long-run " + s.model() + ": " + from);
            });
        }
        LongRunFile before = Files.exists(checkpoint) ? LongRunFile.readIfPresent(resultFile).orElse(null) : null;
        int done = 0;
        if (before != null) {
            before.provenance(s.model()).stream().filter(l -> l.startsWith(s.model() + ": process")
                    || l.startsWith(s.model() + ": branched")).forEach(lines::add);
            done = before.column(s.model(), "epoch").length;
        }
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        lines.add(processLine(s, done + 1, started, provenance));
        double last = Double.NaN;
        for (int epoch = Math.max(1, done + 1); epoch <= s.maxEpochs(); epoch++) {
            SemiSupervised.Run run = SemiSupervised.trainOrLoad(new Adgm(config), full, labelled, trainer(s, epoch),
                    test, tuning, s.testSamples(), checkpoint, 1);
            List<LongRunFile.Row> rows = rows(s, run);
            double[] latest = rows.get(rows.size() - 1).values();
            int reached = (int) latest[0];
            if (reached > epoch) {
                // the checkpoint is ahead of the result file (a new file, or rows lost): its epochs come back from
                // its history, and this process trains from the one after
                lines.set(lines.size() - 1, processLine(s, reached + 1, started, provenance));
                epoch = reached;
            }
            update(resultFile, s.model(), lines, rows);
            last = latest[1];
            log.printf(Locale.ROOT, "long-run %s: epoch %d test error %.2f %% tuning %.2f %% (%.2f h of training)%n",
                    s.model(), reached, last, latest[2], latest[4]);
            if (last <= s.targetError()) {
                log.printf(Locale.ROOT, "long-run %s: test error %.2f %% reached the target %.2f %% at epoch %d%n",
                        s.model(), last, s.targetError(), epoch);
                break;
            }
        }
        return last;
    }

    /**
     * Starts a run with a rate drop from the checkpoint of the same run without it, when that exists: their first
     * {@code dropAfter} epochs are the same, so they are not trained twice. Refuses a checkpoint already past the drop
     * (its state at the drop is gone). Returns what was done, for the provenance.
     */
    private static Optional<String> branch(Settings s, AdgmConfig config, Path checkpoints, Path checkpoint) {
        Settings parent = s.withDrop(0, 0);
        Path from = SemiSupervised.checkpointFile(checkpoints, "longrun-" + s.model(), config, trainer(parent, 1));
        if (!Files.exists(from)) {
            return Optional.empty();
        }
        String why = Checkpoint.header(from).mismatch(new Adgm(config), trainer(parent, 1));
        if (why != null) {
            throw new CheckpointException(from, "cannot branch from it: " + why, null);
        }
        Trainer t = Trainer.load(from, trainer(s, s.maxEpochs()));
        if (t.epochsDone() > s.dropAfter()) {
            throw new KitException("long-run " + s.model() + ": the run without the drop (" + from.getFileName()
                    + ") has " + t.epochsDone() + " epochs, past the drop after epoch " + s.dropAfter()
                    + ": its state at the drop is gone; drop after epoch " + t.epochsDone() + " or later");
        }
        t.save(checkpoint);
        return Optional.of(String.format(Locale.ROOT, "branched from %s after epoch %d", from.getFileName(),
                t.epochsDone()));
    }

    private static String processLine(Settings s, int fromEpoch, String started, String provenance) {
        return String.format(Locale.ROOT, "%s: process from epoch %d, started %s, %s", s.model(), fromEpoch, started,
                provenance);
    }

    /** The result rows of a run: every evaluated epoch with its errors (%), learning rate and cumulative hours. */
    static List<LongRunFile.Row> rows(Settings s, SemiSupervised.Run run) {
        List<TrainingHistory.Epoch> history = run.trainer().history().epochs();
        double[] hoursAfter = new double[history.size() + 1];
        for (TrainingHistory.Epoch e : history) {
            if (e.epoch() >= 1 && e.epoch() <= history.size()) {
                hoursAfter[e.epoch()] = e.seconds() / 3600.0;
            }
        }
        for (int i = 1; i < hoursAfter.length; i++) {
            hoursAfter[i] += hoursAfter[i - 1];
        }
        List<LongRunFile.Row> rows = new ArrayList<>();
        TrainerConfig t = trainer(s, 1);
        for (int i = 0; i < run.testEpochs().size(); i++) {
            int epoch = run.testEpochs().get(i);
            double tuning = i < run.validationErrors().size() ? 100 * run.validationErrors().get(i) : Double.NaN;
            double hours = epoch < hoursAfter.length ? hoursAfter[epoch] : Double.NaN;
            rows.add(new LongRunFile.Row(s.model(), new double[] {epoch, round(100 * run.testErrors().get(i), 2),
                round(tuning, 2), t.learningRateAt(epoch - 1), round(hours, 4)}));
        }
        return rows;
    }

    /** Replaces one model's rows and provenance in the result file, holding a lock against the other runs. */
    static void update(Path resultFile, String model, List<String> provenance, List<LongRunFile.Row> rows) {
        update(resultFile, model, provenance, rows, COLUMNS);
    }

    /** As above for a result file with the given columns. */
    static void update(Path resultFile, String model, List<String> provenance, List<LongRunFile.Row> rows,
                       List<String> columns) {
        Path lock = resultFile.resolveSibling("." + resultFile.getFileName() + ".lock");
        try {
            Files.createDirectories(resultFile.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                LongRunFile f = LongRunFile.readIfPresent(resultFile).orElse(LongRunFile.empty(columns));
                if (!f.columns().equals(columns)) {
                    throw new KitException(resultFile + ": columns " + f.columns() + ", expected " + columns);
                }
                f.withModel(model, provenance, rows).write(resultFile);
            }
        } catch (java.io.IOException e) {
            throw new KitException(resultFile + ": cannot update: " + e.getMessage(), e);
        }
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Double.isNaN(v) ? v : Math.round(v * f) / f;
    }
}
