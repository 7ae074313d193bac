import type { Config } from '../../config.js'
import { onDomainEvent } from '../events/domain-events.js'
import { notificationHandler, type NotificationSettings } from './consumer.js'

/**
 * Email notifications: the domain-event consumer that writes them to the outbox in the change's transaction.
 * `registerNotifications` is called by createCoveredYoga, so it is active in every API process and in the test
 * harness; calling it again (another config) only updates the settings, the consumer stays registered once.
 */
let settings: NotificationSettings = { publicUrl: 'http://localhost:4000' }
let registered = false

export function registerNotifications(config: Pick<Config, 'publicUrl'>): void {
  settings = { publicUrl: config.publicUrl }
  if (registered) return
  registered = true
  onDomainEvent(notificationHandler(() => settings))
}
