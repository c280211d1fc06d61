// Mounts a vanilla Tiptap editor into an element a Preact component renders, and re-renders
// that component when the selection or content changes (so toolbar buttons show state).
// The callbacks are read through a ref, so the editor is made once per mount.

import type { Editor, JSONContent } from "@tiptap/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { createEditor, type EditorCallbacks } from "./editor";

export function useEditor(
  content: JSONContent,
  label: string,
  callbacks: EditorCallbacks,
): { mount: (element: HTMLDivElement | null) => void; editor: Editor | null } {
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, setTick] = useState(0);
  const element = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = createEditor(element.current, content, label, {
      onChange: (doc) => latest.current.onChange(doc),
      onSubmit: () => latest.current.onSubmit?.(),
      onImages: (files, at) => latest.current.onImages?.(files, at),
      ...(callbacks.zone ? { zone: callbacks.zone } : {}),
    });
    const rerender = () => setTick((n) => n + 1);
    instance.on("transaction", rerender);
    setEditor(instance);
    return () => {
      instance.off("transaction", rerender);
      instance.destroy();
    };
    // Made once per mount: a different post remounts the composer (see its key).
  }, []);

  return {
    mount: (node) => {
      element.current = node;
    },
    editor,
  };
}
