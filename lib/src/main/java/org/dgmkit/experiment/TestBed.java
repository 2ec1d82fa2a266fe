package org.dgmkit.experiment;

import java.nio.file.Path;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the log-likelihood studies share: training and test rows, the training settings, where checkpoints go, and
 * how the test bounds are measured (IW bound with {@code iwK} samples, evaluation seed {@code seed}).
 */
record TestBed(INDArray xTrain, INDArray xTest, TrainerConfig trainer, Path modelsDir, int iwK, long seed) {

    /** {@link Trainer#trainOrLoad} of {@code fresh} on the training rows, checkpointed as {@code modelsDir/file}. */
    Trainer trainOrLoad(TrainableModel fresh, TrainerConfig config, String file) {
        return Trainer.trainOrLoad(fresh, config, modelsDir.resolve(file), xTrain);
    }

    /** The test ELBO and IW bound of {@code model}. */
    TestBounds bounds(LatentVariableModel model) {
        return TestBounds.of(model, xTest, iwK, seed);
    }
}
