package org.dgmkit.model;

import java.nio.file.Path;
import org.dgmkit.TestData;
import org.dgmkit.data.Mnist;
import org.dgmkit.data.MnistData;

/** MNIST from the shared data folder ({@link TestData#sharedData()}). */
final class SharedData {
    private SharedData() {
    }

    static MnistData mnist(boolean train) {
        Path d = TestData.sharedData().resolve("mnist");
        String split = train ? "train" : "t10k";
        return Mnist.read(d.resolve(split + "-images-idx3-ubyte.gz"), d.resolve(split + "-labels-idx1-ubyte.gz"));
    }
}
