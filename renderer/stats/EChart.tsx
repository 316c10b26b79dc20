import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ChartStop } from './chartData';

// Only the parts used here: bar charts drawn as SVG (crisp when printed, and no canvas needed).
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption>;

export interface ChartClick {
  seriesId?: string;
  dataIndex: number;
}

/**
 * One ECharts chart; clicking a bar reports its series and index (to open the problems behind it).
 *
 * The keyboard reaches the same bars: the chart takes the focus with Tab, the arrow keys (and Home/End)
 * go through `stops` one part of a bar at a time, showing its tooltip and saying it aloud, and Enter or
 * Space opens it as a click would.
 */
export function EChart({
  option,
  height,
  label,
  stops = [],
  onClick,
}: {
  option: ChartOption;
  height: number;
  label: string;
  stops?: readonly ChartStop[];
  onClick?(c: ChartClick): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [current, setCurrent] = useState<number | null>(null);
  const focusable = stops.length > 0 && !!onClick;
  // ECharts writes its aria description onto the element's aria-label: both say the same.
  const spoken = focusable ? `${label}。按方向键逐段查看，按 Enter 列出对应问题。` : label;

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
    chart.current?.setOption({ aria: { enabled: true, label: { description: spoken } }, ...option }, true);
    setCurrent(null);
  }, [option, spoken]);

  // The part the keyboard is on: highlighted, with its tooltip, as under the mouse.
  const stop = current != null ? stops[current] : undefined;
  useEffect(() => {
    const c = chart.current;
    if (!c || !stop) return;
    c.dispatchAction({ type: 'highlight', seriesIndex: stop.seriesIndex, dataIndex: stop.dataIndex });
    c.dispatchAction({ type: 'showTip', seriesIndex: stop.seriesIndex, dataIndex: stop.dataIndex });
    return () => {
      c.dispatchAction({ type: 'downplay', seriesIndex: stop.seriesIndex, dataIndex: stop.dataIndex });
      c.dispatchAction({ type: 'hideTip' });
    };
  }, [stop]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (stops.length === 0) return;
    const at = current ?? -1;
    const go = (i: number) => {
      e.preventDefault();
      setCurrent(Math.max(0, Math.min(stops.length - 1, i)));
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        return go(at + 1);
      case 'ArrowLeft':
      case 'ArrowUp':
        return go(at - 1);
      case 'Home':
        return go(0);
      case 'End':
        return go(stops.length - 1);
      case 'Enter':
      case ' ':
        if (!stop) return;
        e.preventDefault();
        clickRef.current?.({ seriesId: stop.seriesId, dataIndex: stop.dataIndex });
    }
  };

  return (
    <div className="chart-frame">
      <div
        ref={ref}
        role={focusable ? 'group' : 'img'}
        aria-roledescription={focusable ? '图表' : undefined}
        aria-label={spoken}
        tabIndex={focusable ? 0 : undefined}
        onKeyDown={focusable ? onKeyDown : undefined}
        onFocus={() => focusable && current == null && setCurrent(0)}
        onBlur={() => setCurrent(null)}
        style={{ width: '100%', height }}
      />
      {/* What the keyboard is on, read out by screen readers (the chart itself is a drawing). */}
      <div className="visually-hidden" aria-live="polite" data-testid="chart-focus">
        {stop ? `${stop.label}，按 Enter 查看` : ''}
      </div>
    </div>
  );
}
