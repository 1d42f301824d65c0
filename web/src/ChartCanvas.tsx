// One Chart.js chart on a canvas, rebuilt when its figures change. Pages give the same figures
// in a table too, for screen readers and for print.
import { useEffect, useRef } from "react";
import type { Chart } from "chart.js";

export function ChartCanvas({ build, label, deps }: { build: (c: HTMLCanvasElement) => Chart; label: string; deps: unknown[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = build(canvas.current);
    return () => chart.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  // The tables below hold the same figures for screen readers.
  return <div className="chart"><canvas ref={canvas} role="img" aria-label={label} /></div>;
}

