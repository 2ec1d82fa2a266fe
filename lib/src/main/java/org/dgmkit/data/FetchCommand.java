package org.dgmkit.data;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;

/** {@code kit fetch [mnist|nab|fashion-mnist|kpi|all]...}: downloads and verifies datasets into the cache. */
public final class FetchCommand {

    private FetchCommand() {
    }

    public static int run(List<String> args) {
        Manifest manifest = Manifest.bundled();
        List<String> names = new ArrayList<>();
        for (String a : args.isEmpty() ? List.of("all") : args) {
            if (a.equals("all")) {
                names.addAll(manifest.datasets());
            } else if (manifest.datasets().contains(a)) {
                names.add(a);
            } else {
                throw new UsageException("unknown dataset '" + a + "' (known: " + String.join(", ", manifest.datasets()) + ", all)");
            }
        }
        DatasetFetcher fetcher = Datasets.fetcher(System.out);
        System.out.println("cache: " + fetcher.cache() + (Datasets.mirrorDir() == null ? "" : ", mirror: " + Datasets.mirrorDir()));
        int files = 0;
        for (String name : names) {
            for (ManifestEntry e : manifest.dataset(name)) {
                try {
                    fetcher.refresh(e);
                } catch (DatasetException ex) {
                    throw new KitException(ex.getMessage(), ex);
                }
                files++;
            }
            System.out.println(name + ": all files present and verified");
        }
        System.out.println(files + " files verified in " + fetcher.cache());
        return 0;
    }
}
