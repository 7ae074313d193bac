import { Foundation1764100000000 } from './1764100000000-foundation.js'
import { Contracts1764200000000 } from './1764200000000-contracts.js'
import { Desks1764300000000 } from './1764300000000-desks.js'
import { Tickets1764400000000 } from './1764400000000-tickets.js'
import { Services1764500000000 } from './1764500000000-services.js'
import { Knowledge1764600000000 } from './1764600000000-knowledge.js'
import { RateCard1764700000000 } from './1764700000000-rate-card.js'
import { ReportingIndexes1764720000000 } from './1764720000000-reporting-indexes.js'
import { DomainEvents1764800000000 } from './1764800000000-domain-events.js'
import { Mail1764810000000 } from './1764810000000-mail.js'
import { Notifications1764811000000 } from './1764811000000-notifications.js'
import { Team1764820000000 } from './1764820000000-team.js'
import { Webhooks1764830000000 } from './1764830000000-webhooks.js'
import { Security1764840000000 } from './1764840000000-security.js'
import { CitedReplies1764860000000 } from './1764860000000-cited-replies.js'
import { ReleaseDownloads1764861000000 } from './1764861000000-release-downloads.js'
import { TicketListIndexes1764870000000 } from './1764870000000-ticket-list-indexes.js'
import { CustomerSearch1764880000000 } from './1764880000000-customer-search.js'
import { SignInLookups1764890000000 } from './1764890000000-sign-in-lookups.js'

/** Every migration, in order. New ones are appended here. */
export const migrations = [
  Foundation1764100000000,
  Contracts1764200000000,
  Desks1764300000000,
  Tickets1764400000000,
  Services1764500000000,
  Knowledge1764600000000,
  RateCard1764700000000,
  ReportingIndexes1764720000000,
  DomainEvents1764800000000,
  Mail1764810000000,
  Notifications1764811000000,
  Team1764820000000,
  Webhooks1764830000000,
  Security1764840000000,
  CitedReplies1764860000000,
  ReleaseDownloads1764861000000,
  TicketListIndexes1764870000000,
  CustomerSearch1764880000000,
  SignInLookups1764890000000,
]
