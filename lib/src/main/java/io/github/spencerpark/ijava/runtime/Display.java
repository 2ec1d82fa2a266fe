package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * IJava 1.3.0's notebook display functions ({@code display}, {@code render}), statically imported into every
 * notebook; same signatures and behaviour, backed by the headless runner's {@link HeadlessKernel}.
 */
public class Display {
    /** Renders an object as its preferred types without publishing it. */
    public static DisplayData render(Object o) {
        return HeadlessKernel.renderer().render(o);
    }

    /** Renders an object as the requested MIME types without publishing it. */
    public static DisplayData render(Object o, String... as) {
        return HeadlessKernel.renderer().renderAs(o, as);
    }

    /** Renders and publishes an object as its preferred types; returns the display id. */
    public static String display(Object o) {
        return publish(HeadlessKernel.renderer().render(o));
    }

    /** Renders and publishes an object as the requested MIME types; returns the display id. */
    public static String display(Object o, String... as) {
        return publish(HeadlessKernel.renderer().renderAs(o, as));
    }

    private static String publish(DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        HeadlessKernel.display(data);
        return id;
    }
}
