package quickstart;

import org.knowm.xchart.BitmapEncoder;
import org.sharpnesslab.notebook.TableFormat;
import org.sharpnesslab.plot.PhasePortrait;
import org.sharpnesslab.plot.Plots;
import org.sharpnesslab.uv.UVMap;
import tech.tablesaw.api.Table;

public class QuickStart {
    public static void main(String[] args) throws Exception {
        var map = UVMap.of(0.3, 1.0, 2.0, 1.0);                 // η, |x|, y, n_eff   (000 Eqs. 1-2)
        System.out.println(TableFormat.text(map.fixedPoints()));  // Table 1 of 000 App. C.3, numbers for reading
        Table run = map.iterate(-1.9, 0.5, 200);                // columns step, df, lambda, lambda_h, loss, eta_lambda
        BitmapEncoder.saveBitmap(Plots.line(run, "step", "lambda").yLine(2 / 0.3, "2/η"), "lambda",
                BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(PhasePortrait.of(map).withTrajectory(run), "portrait", BitmapEncoder.BitmapFormat.PNG);
    }
}
