import type { StoreApi } from 'zustand/vanilla';
import type { OptionValue } from '../../core/types';
import type { ChecksSlice } from './slices/checks';
import type { EditingSlice } from './slices/editing';
import type { LoadingSlice } from './slices/loading';
import type { PlaybackSlice } from './slices/playback';
import type { PredictSlice } from './slices/predict';
import type { ViewSlice } from './slices/view';

/** One explorer's state: six slices, each with its own actions (zustand's slices pattern). */
export type ExplorerState = LoadingSlice & EditingSlice & PlaybackSlice & PredictSlice & ViewSlice & ChecksSlice;

export type ExplorerStore = StoreApi<ExplorerState>;

/** What a link, a story or an embed asks the explorer to open with. */
export interface ExplorerInit {
  graph?: string;
  spec?: unknown;
  /** A `?src=` link the page will load (loadUrl): no first exercise is opened before it. */
  src?: string;
  options?: Record<string, OptionValue>;
  step?: number;
  node?: string;
  objective?: string;
  seed?: number;
  present?: boolean;
  /** Projector theme (`theme=` in a link). */
  theme?: 'default' | 'light' | 'dark';
  predict?: boolean;
  speed?: number;
}

export type SetState = StoreApi<ExplorerState>['setState'];
export type GetState = StoreApi<ExplorerState>['getState'];
