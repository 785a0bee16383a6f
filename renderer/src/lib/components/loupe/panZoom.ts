// Zoom and pan by hand on any element showing a LoupeView: wheel zooms around the cursor, dragging pans,
// double-click toggles fit / 100%. Points are taken relative to the element itself, so several panes
// (side by side) can drive one shared view and each zooms around its own cursor.
import type { Attachment } from 'svelte/attachments';
import type { LoupeView, Point } from '../../stores/loupe-view.svelte.ts';

export interface PanZoomHooks {
  /** Told when a drag starts and ends (for the grabbing cursor). */
  onDrag?(dragging: boolean): void;
}

export function pointIn(element: Element, event: MouseEvent): Point {
  const rect = element.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

export function panZoom(view: LoupeView, hooks: PanZoomHooks = {}): Attachment<HTMLElement> {
  return (element) => {
    let drag: { x: number; y: number; pointer: number } | null = null;

    // Wheel zoom needs a non-passive listener to keep the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const perLine = event.deltaMode === 1 ? 40 : 1;
      view.zoomBy(Math.exp(-event.deltaY * perLine * 0.0015), pointIn(element, event));
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      element.setPointerCapture(event.pointerId);
      drag = { x: event.clientX, y: event.clientY, pointer: event.pointerId };
      hooks.onDrag?.(true);
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!drag || drag.pointer !== event.pointerId) return;
      view.panBy(event.clientX - drag.x, event.clientY - drag.y);
      drag = { ...drag, x: event.clientX, y: event.clientY };
    };
    const onPointerUp = (event: PointerEvent) => {
      if (!drag || drag.pointer !== event.pointerId) return;
      if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
      drag = null;
      hooks.onDrag?.(false);
    };
    const onDoubleClick = (event: MouseEvent) => {
      if (view.fitted) view.actual(pointIn(element, event));
      else view.fit();
    };

    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerUp);
    element.addEventListener('pointercancel', onPointerUp);
    element.addEventListener('dblclick', onDoubleClick);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('pointercancel', onPointerUp);
      element.removeEventListener('dblclick', onDoubleClick);
      if (drag) hooks.onDrag?.(false);
    };
  };
}
