import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only the parts used here: bar charts drawn as SVG (crisp when printed, and no canvas needed).
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption>;

export interface ChartClick {
  seriesId?: string;
  dataIndex: number;
}

/** One ECharts chart; clicking a bar reports its series and index (to open the problems behind it). */
export function EChart({ option, height, label, onClick }: { option: ChartOption; height: number; label: string; onClick?(c: ChartClick): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg', locale: 'ZH', width: el.clientWidth || 600, height });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.({ seriesId: (p as { seriesId?: string }).seriesId, dataIndex: p.dataIndex }));
    const ro = new ResizeObserver(() => el.clientWidth && c.resize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
